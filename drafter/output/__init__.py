"""From blocks to files: layout profiles, the .docx, PDF through LibreOffice, atomic writes."""
