"""Production deployment: several Rasa instances on PostgreSQL and Redis behind nginx.

``python -m deploy.run`` (the command line) starts and supervises the processes (see
docs/deployment.md): ``settings`` reads and checks the environment, ``nginx`` writes
nginx's configuration, ``supervisor`` starts, checks and restarts the processes,
``schema`` creates the tracker tables. ``deploy.services`` starts throwaway PostgreSQL
and Redis servers for trying it on one machine, tests and benchmarks.
"""
