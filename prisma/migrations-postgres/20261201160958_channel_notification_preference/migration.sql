-- AlterTable
ALTER TABLE "ChannelRead" ADD COLUMN     "notify" TEXT NOT NULL DEFAULT 'all';
