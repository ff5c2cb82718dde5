"""Words on screen: a cheap change check, local OCR of what changed, accessibility text."""
