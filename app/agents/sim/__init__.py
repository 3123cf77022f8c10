"""The market simulator: a year of a kirana's customers, suppliers and competitors, run through the real
engine, agents and services on a temporary shop with a simulated clock (see docs/simulator.md)."""
