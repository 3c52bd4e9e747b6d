"""Small helpers every stage uses: atomic writes and hashes (files), folder names (slugs), the
Problem record every stage reports, fixed dates for reproducible bytes, the cycle collector's
settings, spreadsheet-safe cells, where the workflow's own files are (project), and the lock
preview holds on a project folder, which the build respects (preview_lock).

Imports: the standard library and third-party packages only, no other stage."""
