"""Thin MkDocs adapters over :mod:`zwgk.core`."""
