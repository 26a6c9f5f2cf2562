"""Web versions of the site's photos: smaller copies for `srcset`, the originals kept.

`responsive.py` decides names, widths and markup values (pure, no Pillow);
`thumbnails.py` decodes an original and encodes its copies (Pillow, deterministic).
"""
