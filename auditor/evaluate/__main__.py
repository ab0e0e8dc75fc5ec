"""`python -m auditor.evaluate CORPUS`: the corpus table (auditor/evaluate/table.py)."""

from auditor.evaluate.table import main

main()
