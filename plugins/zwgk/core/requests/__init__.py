"""依申请公开: the internal request register, its statutory clocks and rules."""
