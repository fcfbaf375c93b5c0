"""Reading articles in: plain text, HTML and JSONL files, folders, standard input."""
