-- A board's input text and each unit's records are now written gzip-compressed (bytea): a city's board runs to
-- tens of megabytes otherwise. Boards already published keep their text and jsonb, which stay readable.
ALTER TABLE "evaluation_board_inputs" ALTER COLUMN "input_text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_board_results" ALTER COLUMN "records" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_board_inputs" ADD COLUMN "input_gzip" "bytea";--> statement-breakpoint
ALTER TABLE "evaluation_board_results" ADD COLUMN "records_gzip" "bytea";--> statement-breakpoint
ALTER TABLE "evaluation_board_inputs" ADD CONSTRAINT "evaluation_board_inputs_one" CHECK (("evaluation_board_inputs"."input_text" IS NULL) <> ("evaluation_board_inputs"."input_gzip" IS NULL));--> statement-breakpoint
ALTER TABLE "evaluation_board_results" ADD CONSTRAINT "evaluation_board_results_records" CHECK (("evaluation_board_results"."records" IS NULL) <> ("evaluation_board_results"."records_gzip" IS NULL));