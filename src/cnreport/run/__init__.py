"""Stage 5: orchestration: the command line, the pipeline that runs the notebooks,
and the README tables generated from metadata. The only stage that decides what
the user sees on the terminal."""
