#!/usr/bin/env python3
"""Opens the sample letter with python-docx and checks its text, table, fonts and page layout.

Usage: docx_letter_check.py OFFICE_DOCX_SAMPLE_PROGRAM OUTPUT_DIR
Runs the program to write the letter, then reads it back as Word would. Exit 0 on success.
"""
import os
import subprocess
import sys

import docx
from docx.oxml.ns import qn


def main():
    program, out_dir = sys.argv[1], sys.argv[2]
    path = os.path.join(out_dir, "sample_letter.docx")
    subprocess.run([program, path], check=True)
    document = docx.Document(path)
    failures = []

    def expect(what, actual, expected):
        if actual != expected:
            failures.append(f"{what}: expected {expected!r}, got {actual!r}")

    texts = [p.text for p in document.paragraphs]
    expect("paragraphs", texts, [
        "中共某某县纪律检查委员会",
        "某纪函〔2026〕15号",
        "",
        "关于张三等3名同志党风廉政情况的回复",
        "",
        "中共某某县委组织部：",
        "你部《关于征求张三等同志党风廉政意见的函》收悉。经查，现将有关情况回复如下：",
        "一、基本情况",
        "（一）信访举报",
        "1.无问题线索。",
        "（1）已了结。",
        "（二）处分情况",
        "二、答复意见",
        "特此函复。R&D <测试> \"引号\" 'apos'",
        "",
        "中共某某县纪律检查委员会",
        "2026年3月15日",
    ])
    expect("tables", len(document.tables), 1)
    if document.tables:
        cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
        expect("table cells", cells, [
            ["姓名", "单位职务", "答复意见"],
            ["张三", "某某县财政局副局长", "未发现违纪违法问题"],
            ["李四", "某某镇党委书记", "受到党内警告处分，影响期已满"],
            ["王五", "某某县教育局局长", ""],
        ])

    def east_asia(paragraph):
        run = paragraph.runs[0]
        return run._element.rPr.rFonts.get(qn("w:eastAsia"))

    paragraphs = document.paragraphs
    expect("organ mark font", east_asia(paragraphs[0]), "方正小标宋简体")
    expect("organ mark colour", str(paragraphs[0].runs[0].font.color.rgb), "FF0000")
    expect("title font", east_asia(paragraphs[3]), "方正小标宋简体")
    expect("title size", paragraphs[3].runs[0].font.size.pt, 22.0)
    expect("body font", east_asia(paragraphs[6]), "仿宋_GB2312")
    expect("body size", paragraphs[6].runs[0].font.size.pt, 16.0)
    expect("heading 1 font", east_asia(paragraphs[7]), "黑体")
    expect("heading 2 font", east_asia(paragraphs[8]), "楷体_GB2312")

    section = document.sections[0]
    expect("page width mm", round(section.page_width.mm), 210)
    expect("page height mm", round(section.page_height.mm), 297)
    expect("top margin mm", round(section.top_margin.mm), 37)
    expect("left margin mm", round(section.left_margin.mm), 28)
    footer = section.footer.paragraphs[0].text
    expect("footer", footer, "— 1 —")

    if failures:
        print("\n".join(failures))
        return 1
    print("docx letter OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
