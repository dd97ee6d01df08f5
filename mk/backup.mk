# Database backups: `make backup`, `make restore` (included by the main Makefile).
# The scripts read .env themselves (a variable already set in the environment
# wins, as with the app), so `DB_NAME=other make backup` and CI work unchanged.
# BACKUP_DIR (default backups/) chooses where backups live; BACKUP_SIGNING_KEY
# (make init generates it) signs them, and restore refuses a backup whose tag
# does not verify.

.PHONY: backup restore stack-backup-check

# STACK=prod runs the same scripts in the production stack's `backup` service
# (the database publishes no port there; backups land in its backups volume).
# The dev stack publishes PostgreSQL on 127.0.0.1:DB_PORT: the host's scripts
# reach it without STACK.
BACKUP_RUN = $(if $(filter prod,$(STACK)),$(COMPOSE_PROD) run --rm $(if $(1),-T) --entrypoint bash backup /scripts/,scripts/)

backup: stack-backup-check ## Back up the database to backups/backup_YYYYMMDD_HHMMSS.dump, signed (+ .hmac, BACKUP_SIGNING_KEY), atomically; STACK=prod: in the Docker stack
	@$(call BACKUP_RUN,-T)backup.sh >/dev/null

restore: stack-backup-check ## Restore a backup whose tag verifies, in one transaction: lists, asks which and confirms; FILE=<name or path> restores without questions; STACK=prod: in the Docker stack
	@$(call BACKUP_RUN,$(FILE))restore.sh $(if $(FILE),"$(FILE)")

stack-backup-check:
	@case "$(STACK)" in ""|prod) ;; *) echo "error: STACK=$(STACK): backups run natively (the dev stack publishes PostgreSQL on DB_PORT) or with STACK=prod" >&2; exit 1;; esac
	@$(if $(STACK),$(MAKE) --no-print-directory docker-check)
