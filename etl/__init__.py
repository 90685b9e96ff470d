"""Casualty figures from news text: readers, extraction engine, store."""
