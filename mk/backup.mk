# Database backups (included by the main Makefile). Two kinds:
#
# - Point-in-time recovery (scripts/pitr.sh, pgBackRest): WAL archived
#   continuously, full/differential/incremental backups, restore to the latest
#   moment or to TARGET_TIME, into an encrypted repository in a directory or on
#   S3-compatible storage (the PITR_* settings). Natively on the database's
#   host, as root or the data directory's owner: `make backup-setup` once,
#   then `make backup`, `make backup-info`, `make restore`; STACK=prod in the
#   production stack's `pitr` service.
# - Portable logical dumps (scripts/backup.sh, restore.sh: pg_dump archives
#   signed with BACKUP_SIGNING_KEY in BACKUP_DIR): `make dump`,
#   `make restore-dump`, for moving data between installations or PostgreSQL
#   versions. STACK=prod runs them in the production stack's `backup` service.
#
# The scripts read .env themselves (a variable already set in the environment
# wins, as with the app), so `DB_NAME=other make dump` and CI work unchanged.

.PHONY: backup backup-setup backup-info restore dump restore-dump stack-backup-check

# STACK=prod: in the production stack's `pitr` service, which archives the
# database's WAL and takes the scheduled backups (docker-compose.prod.yml).
PITR_RUN = $(if $(filter prod,$(STACK)),$(COMPOSE_PROD) exec -T pitr bash /scripts/pitr.sh,scripts/pitr.sh)
PITR_RESTORE_ARGS = $(if $(TARGET_TIME),--target-time "$(TARGET_TIME)") $(if $(filter yes,$(ALLOW_OTHER_CLUSTER)),--other-cluster)

backup-setup: stack-backup-check ## Point-in-time recovery, once: write the pgBackRest config from PITR_*, turn WAL archiving on (asks for one PostgreSQL restart), create the repository; STACK=prod: done by the pitr service
	@$(PITR_RUN) setup

backup: stack-backup-check ## Take a backup for point-in-time recovery (TYPE=incr by default, or full / diff), then verify the repository; STACK=prod: in the Docker stack
	@$(PITR_RUN) backup $(TYPE)

backup-info: stack-backup-check ## List the point-in-time backups and the archived WAL range in the repository; STACK=prod: in the Docker stack
	@$(PITR_RUN) info

restore: stack-backup-check ## Restore the latest moment, or TARGET_TIME="2026-12-05 17:00:00+00"; checks the repository first, stops the app around it; ALLOW_OTHER_CLUSTER=yes for a new host; STACK=prod: in the Docker stack
	@$(if $(filter prod,$(STACK)),COMPOSE="$(COMPOSE_PROD)" scripts/pitr-compose-restore.sh,scripts/pitr.sh restore) $(PITR_RESTORE_ARGS)

# STACK=prod runs the dump scripts in the production stack's `backup` service
# (the database publishes no port there; dumps land in its backups volume).
# The dev stack publishes PostgreSQL on 127.0.0.1:DB_PORT: the host's scripts
# reach it without STACK.
BACKUP_RUN = $(if $(filter prod,$(STACK)),$(COMPOSE_PROD) run --rm $(if $(1),-T) --entrypoint bash backup /scripts/,scripts/)

dump: stack-backup-check ## Dump the database to backups/backup_YYYYMMDD_HHMMSS.dump (portable pg_dump archive), signed (+ .hmac, BACKUP_SIGNING_KEY); STACK=prod: in the Docker stack
	@$(call BACKUP_RUN,-T)backup.sh >/dev/null

restore-dump: stack-backup-check ## Restore a dump whose tag verifies, in one transaction: lists, asks which and confirms; FILE=<name or path> restores without questions; STACK=prod: in the Docker stack
	@$(call BACKUP_RUN,$(FILE))restore.sh $(if $(FILE),"$(FILE)")

stack-backup-check:
	@case "$(STACK)" in ""|prod) ;; *) echo "error: STACK=$(STACK): backups run natively (the dev stack publishes PostgreSQL on DB_PORT) or with STACK=prod" >&2; exit 1;; esac
	@$(if $(STACK),$(MAKE) --no-print-directory docker-check)
