"""The Ripple Effect: a turn-based training game where every job is a customer service job.

`import ripple` loads no user interface; the engine lives in `ripple.engine`, scenario
files in `ripple.scenario`.
"""

__version__ = "0.1.0"
