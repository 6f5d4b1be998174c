"""Pure functions from computed data to HTML, SVG and Markdown fragments."""
