"""Output: renderers of findings and analyses, messages and translations, charts."""
