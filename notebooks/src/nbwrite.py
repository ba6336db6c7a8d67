"""Shared writer of the generated notebooks: cells in, an .ipynb without outputs and with stable metadata out."""
import json
import pathlib


class Notebook:
    def __init__(self):
        self.cells = []

    def md(self, text):
        self.cells.append(("markdown", text.strip("\n")))

    def code(self, text):
        self.cells.append(("code", text.strip("\n")))

    def write(self, name):
        nb = {
            "cells": [],
            "metadata": {
                "kernelspec": {"name": "relnet-java", "display_name": "Java (RelNet)", "language": "java"},
                "language_info": {"name": "java"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        for i, (kind, text) in enumerate(self.cells):
            lines = text.split("\n")
            source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
            cell = {"cell_type": kind, "id": f"c{i:02d}", "metadata": {}, "source": source}
            if kind == "code":
                cell["execution_count"] = None
                cell["outputs"] = []
            nb["cells"].append(cell)
        out = pathlib.Path(__file__).resolve().parent.parent / name
        out.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        print("wrote", out)
