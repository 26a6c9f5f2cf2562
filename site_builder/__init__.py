"""site-builder: a Vietnamese yearbook (kỷ yếu) site and PDF generator."""

__version__ = "0.1.0"
