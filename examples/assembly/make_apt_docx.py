#!/usr/bin/env python3
"""Writes apt.docx: the APT group's made-up contribution, as Word saves one,
with the proposer's changes as tracked changes (w:ins, w:del, inserted and
deleted paragraph marks) authored "APT".

Run from anywhere: python3 examples/assembly/make_apt_docx.py
The output is the same byte for byte on every run (fixed zip timestamps).
"""

import os
import zipfile
from xml.sax.saxutils import escape

AUTHOR = "APT"
DATE = "2026-09-19T10:00:00Z"
_ids = iter(range(1, 10_000))


def run(text):
    """A plain run; tabs become w:tab."""
    parts = text.split("\t")
    xml = "<w:r>"
    for i, part in enumerate(parts):
        if i:
            xml += "<w:tab/>"
        if part:
            xml += f'<w:t xml:space="preserve">{escape(part)}</w:t>'
    return xml + "</w:r>"


def deleted_run(text):
    parts = text.split("\t")
    xml = "<w:r>"
    for i, part in enumerate(parts):
        if i:
            xml += "<w:tab/>"
        if part:
            xml += f'<w:delText xml:space="preserve">{escape(part)}</w:delText>'
    return xml + "</w:r>"


def ins(text):
    return f'<w:ins w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{DATE}">{run(text)}</w:ins>'


def dele(text):
    return f'<w:del w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{DATE}">{deleted_run(text)}</w:del>'


def para(*pieces, style=None, mark=None):
    """A paragraph of pieces: plain strings are kept text, ("+", s) is
    inserted, ("-", s) deleted. mark "+"/"-" tracks the paragraph mark."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if mark == "+":
        ppr += f'<w:rPr><w:ins w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{DATE}"/></w:rPr>'
    elif mark == "-":
        ppr += f'<w:rPr><w:del w:id="{next(_ids)}" w:author="{AUTHOR}" w:date="{DATE}"/></w:rPr>'
    body = ""
    for piece in pieces:
        if isinstance(piece, tuple):
            kind, text = piece
            body += ins(text) if kind == "+" else dele(text)
        else:
            body += run(piece)
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{body}</w:p>"


BASE_301 = os.path.join(os.path.dirname(__file__), "bases", "resolution-301.txt")


def resolution_301():
    """APT's Resolution 301: the text in force with tracked changes."""
    out = []
    with open(BASE_301, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    for line in lines:
        if line.startswith("RESOLUTION 301"):
            out.append(para("RESOLUTION 301 (Rev. ", ("-", "Geneva, 2022"), ("+", "New Delhi, 2024"), ")"))
        elif line.startswith("(Hammamet, 2016; Geneva, 2022)"):
            out.append(para("(Hammamet, 2016; Geneva, 2022", ("+", "; New Delhi, 2024"), ")"))
        elif line.startswith("c)\tthat the security and reliability"):
            out.append(para(line.replace("meetings,", "meetings;")))
            out.append(para(("+", "d)\tthat captioning and interpretation of remote sessions make them accessible to participants with disabilities and to those who follow in another official language,"), mark="+"))
        elif line.startswith("ii)\tmeetings of rapporteur groups"):
            out.append(para(("-", line), mark="-"))
        elif line.startswith("iii)\tworkshops"):
            out.append(para(("-", "iii)"), ("+", "ii)"), line[len("iii)"):]))
        elif line.startswith("3\tthat documents for meetings"):
            head, tail = line.split("12", 1)
            out.append(para(head, ("-", "12"), ("+", "14"), tail))
        else:
            out.append(para(line))
    return out


def body():
    paragraphs = [
        para("WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY"),
        para("New Delhi, 14-23 October 2026"),
        para("Addendum 12 to"),
        para("Document 40-E"),
        para("19 September 2026"),
        para("Original: English"),
        para("Member States of the Asia-Pacific Telecommunity"),
        para("ASIA-PACIFIC TELECOMMUNITY COMMON PROPOSALS FOR THE WORK OF THE ASSEMBLY"),
        para("Abstract:"),
        para("APT proposes two weeks' notice of meeting documents and captioning of remote sessions in Resolution 301, suppresses Resolution 12 and keeps Recommendation ITU-T A.7 as it is."),
        para("MOD\tAPT/40A12/1", style="Proposal"),
    ]
    paragraphs += resolution_301()
    paragraphs += [
        para("Reasons:\tTwo weeks is what most study groups achieve today; captioning opens remote sessions to more participants."),
        para("SUP\tAPT/40A12/2", style="Proposal"),
        para("RESOLUTION 12 (Rev. Hammamet, 2016)"),
        para("Reasons:\tThe register has been replaced by the liaison statement database of ITU-T."),
        para("NOC\tAPT/40A12/3", style="Proposal"),
        para("RECOMMENDATION ITU-T A.7 (Rev. 2019)"),
        para("Reasons:\tThe working procedures of focus groups serve the membership well."),
    ]
    return "".join(paragraphs)


DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{}<w:sectPr/></w:body></w:document>"
)

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Proposal"><w:name w:val="Proposal"/>'
    '<w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>'
    "</w:styles>"
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)


def main():
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "apt.docx")
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", DOCUMENT.format(body())),
        ("word/styles.xml", STYLES),
    ]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 9, 19, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print(target)


if __name__ == "__main__":
    main()
