-- A current result no longer references its rule with a foreign key: PostgreSQL checked it with a
-- trigger and a row lock on the rule for every inserted result, a large share of the cost of a
-- first evaluation (100,000 secrets x 5 rules). DeleteConfigRule deletes the rule's results
-- itself, in the same transaction, so the cascade was never needed.
ALTER TABLE config_evaluations DROP CONSTRAINT config_evaluations_rule_arn_fkey;
