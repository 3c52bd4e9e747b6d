"""The funder formats: each is a folder under templates/ (profile.yaml, a Word and an HTML
template, assets), and profiles reads and checks its profile.yaml. Every later stage reads a
format: the inputs check a grant's funder name, the figures take labels and thresholds, the
renderers the templates. Adding a funder is adding a folder, no Python.

Imports: common."""
