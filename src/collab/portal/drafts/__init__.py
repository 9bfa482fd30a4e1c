"""Draft documents and their comment rounds: guests comment on paragraphs
by a personal link, the lead author answers and writes the next version
(seed 004, §5c and §8; issue 22)."""
