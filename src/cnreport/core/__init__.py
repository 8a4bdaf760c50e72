"""Stage 0, the base every other stage stands on: repository paths, reading and
writing files, report metadata, word lists, numerals, normalisation, report structure
and HTML to text. Nothing here imports a higher stage."""
