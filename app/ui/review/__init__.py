"""审核材料 (a unit's reports at once) and the 相互批评意见 entry points of the window."""
