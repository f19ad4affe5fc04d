"""The norepinephrine textbook's package: models, curated data, figures and widgets.

Data flows one way: ``data`` and ``models`` -> ``figures`` -> ``widgets`` -> chapters.
"""

__all__ = ["data", "figures", "models", "widgets"]
