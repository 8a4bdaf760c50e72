"""cnreport: turn Chinese local-government economic reports into traceable evidence.

Importing the package prints nothing, reads no file and registers no font.
"""

__version__ = "0.1.0"
