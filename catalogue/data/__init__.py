"""The embedded default dataset (England & Wales probation trusts, 2010-11) and the script that builds it.

The CSV files in this folder are what ``proportion init`` imports; ``build_default.py`` writes them.
"""
