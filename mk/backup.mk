# Database backups: `make backup`, `make restore` (included by the main Makefile).
# The scripts read .env themselves (a variable already set in the environment
# wins, as with the app), so `DB_NAME=other make backup` and CI work unchanged.
# BACKUP_DIR (default backups/) chooses where backups live.

.PHONY: backup restore

backup: ## Back up the database to backups/backup_YYYYMMDD_HHMMSS.sql.gz (+ .sha256), atomically
	@scripts/backup.sh >/dev/null

restore: ## Restore a backup: lists, asks which and confirms; FILE=<name or path> restores without questions
	@scripts/restore.sh $(if $(FILE),"$(FILE)")
