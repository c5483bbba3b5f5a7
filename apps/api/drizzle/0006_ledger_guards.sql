-- The ledger's invariants, held by the database as well as by the posting function:
-- every journal entry balances (Σ debits = Σ credits) in one currency, checked at commit so an
-- entry's lines may be inserted one by one; entries and lines are never updated or deleted.
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry_currency text;
  debits numeric;
  credits numeric;
  foreign_lines integer;
BEGIN
  SELECT currency INTO entry_currency FROM ledger_entries WHERE id = NEW.entry_id;
  SELECT coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0), count(*) FILTER (WHERE a.currency <> entry_currency)
    INTO debits, credits, foreign_lines
    FROM ledger_lines l JOIN ledger_accounts a ON a.id = l.account_id
    WHERE l.entry_id = NEW.entry_id;
  IF debits <> credits THEN
    RAISE EXCEPTION 'ledger entry % is unbalanced: debits % <> credits %', NEW.entry_id, debits, credits USING ERRCODE = '23514';
  END IF;
  IF foreign_lines > 0 THEN
    RAISE EXCEPTION 'ledger entry % mixes currencies', NEW.entry_id USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON ledger_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
--> statement-breakpoint
CREATE FUNCTION ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: post a correcting entry instead', TG_TABLE_NAME USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_lines_immutable BEFORE UPDATE OR DELETE ON ledger_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
