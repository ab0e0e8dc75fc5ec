"""The rule engine: rules as data, the check kinds behind them, and the findings they yield."""
