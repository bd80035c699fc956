"""Pure domain core: no MkDocs import anywhere below this package."""
