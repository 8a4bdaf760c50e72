"""Stage 4: what a reader sees: the figure style, the figures, and (later) labels
and annotated pages. Imports any lower stage; nothing below imports it."""
