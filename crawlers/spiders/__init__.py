"""Generic spiders, one per discovery kind; each only fetches and records, never extracts."""
