"""Pure business rules and value types: money in paise, quantities, GST, codes, financial years.

Nothing here touches a database, a screen or the network, so every rule can be tested and reused
by services, agents, the assistant and the simulator alike.
"""
