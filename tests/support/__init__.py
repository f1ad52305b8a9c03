"""Test helpers shared by several test modules: fixture servers and network fault injectors."""
