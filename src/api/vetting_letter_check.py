#!/usr/bin/env python3
"""Opens a generated letter (vetting reply, re-use letters) with python-docx, as a reader's Word would, and prints its text.

Usage: vetting_letter_check.py LETTER.docx
Prints one line per paragraph, then one line per table row with the cells joined by " | ".
Exit 0 when the file opens as a Word document.
"""
import sys

import docx


def main():
    document = docx.Document(sys.argv[1])
    for paragraph in document.paragraphs:
        print(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            print(" | ".join(cell.text for cell in row.cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
