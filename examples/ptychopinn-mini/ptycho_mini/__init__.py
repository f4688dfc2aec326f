"""A miniature of PtychoPINN's backend-selection contract (see specs/ptychodus_api_spec.md §4.8)."""
