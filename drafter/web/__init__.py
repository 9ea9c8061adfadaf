"""The writer's desk: a local web page over the same library the command line uses (``drafter serve``).

:mod:`drafter.web.app` (the application and the desk), :mod:`drafter.web.desk` (what the pages
share), :mod:`drafter.web.editor` (the brief editor and its preview), :mod:`drafter.web.forms` (the
form generated from the brief schema), :mod:`drafter.web.preview` (the printed page in the browser),
:mod:`drafter.web.bank` (the phrase bank), :mod:`drafter.web.safety` (who may ask what),
:mod:`drafter.web.office` (the warm LibreOffice).
Nothing here is imported by ``drafter render`` or ``drafter --help``.
"""
