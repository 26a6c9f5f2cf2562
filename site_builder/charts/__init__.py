"""Static SVG charts drawn from the model, shared by the HTML site and the PDF yearbook."""

from site_builder.charts.figures import Chart, charts_for

__all__ = ["Chart", "charts_for"]
