"""Build tooling for the Windows installer (not shipped in the app). See installer/README.md."""
