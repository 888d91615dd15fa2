"""Plain functions that own the plan's writes: versions, comments, snapshots."""
