"""Facts of the genre shared by every stage: meeting types, ordinals, dates and formulations."""
