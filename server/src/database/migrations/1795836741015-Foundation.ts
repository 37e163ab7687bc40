import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The created-at defaults read CURRENT_TIMESTAMP(6) on DATETIME(3) columns when this was generated. MariaDB stores that
 * as CURRENT_TIMESTAMP(3) and MySQL refuses it (a column's precision must be the same throughout), so they say (3):
 * the schema on MariaDB is the same, and the chain now runs on MySQL too.
 */
export class Foundation1795836741015 implements MigrationInterface {
    name = 'Foundation1795836741015'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`audit_logs\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`actorId\` int NULL, \`actorRole\` varchar(20) NOT NULL, \`action\` varchar(60) NOT NULL, \`entityType\` varchar(40) NOT NULL, \`entityId\` varchar(40) NOT NULL, \`fromState\` varchar(30) NULL, \`toState\` varchar(30) NULL, \`reason\` varchar(500) NULL, \`data\` text NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`ix_audit_entity\` (\`entityType\`, \`entityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`idempotency_keys\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`scope\` varchar(40) NOT NULL, \`key\` varchar(80) NOT NULL, \`resultId\` varchar(40) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`uq_idem_user_scope_key\` (\`userId\`, \`scope\`, \`key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`job_leases\` (\`name\` varchar(60) NOT NULL, \`holder\` varchar(80) NOT NULL, \`leaseUntil\` datetime(3) NOT NULL, \`lastRunAt\` datetime(3) NULL, \`runs\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`name\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`notifications\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`kind\` varchar(50) NOT NULL, \`title\` varchar(100) NOT NULL, \`body\` varchar(500) NOT NULL, \`link\` varchar(200) NULL, \`purpose\` varchar(40) NULL, \`templateData\` text NULL, \`pushStatus\` varchar(10) NOT NULL DEFAULT 'none', \`pushError\` varchar(200) NULL, \`dedupeKey\` varchar(120) NULL, \`readAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`ix_notifications_push\` (\`pushStatus\`, \`id\`), INDEX \`ix_notifications_user\` (\`userId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`subscription_grants\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`templateId\` varchar(64) NOT NULL, \`remaining\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`uq_grant_user_template\` (\`userId\`, \`templateId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`streets\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(50) NOT NULL, \`district\` varchar(50) NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`communities\` (\`id\` int NOT NULL AUTO_INCREMENT, \`streetId\` int NOT NULL, \`name\` varchar(50) NOT NULL, \`kind\` varchar(16) NOT NULL DEFAULT 'community', \`servicePoint\` varchar(100) NULL, INDEX \`ix_communities_street\` (\`streetId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`grids\` (\`id\` int NOT NULL AUTO_INCREMENT, \`communityId\` int NOT NULL, \`name\` varchar(50) NOT NULL, \`workerId\` int NULL, INDEX \`ix_grids_community\` (\`communityId\`), INDEX \`ix_grids_worker\` (\`workerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`points\` (\`id\` int NOT NULL AUTO_INCREMENT, \`gridId\` int NOT NULL, \`name\` varchar(80) NOT NULL, \`kind\` varchar(20) NOT NULL DEFAULT 'building', \`address\` varchar(200) NULL, \`scene\` varchar(32) NOT NULL, \`lat\` double NULL, \`lng\` double NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`ix_points_grid\` (\`gridId\`), UNIQUE INDEX \`uq_points_scene\` (\`scene\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`uploads\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ownerId\` int NOT NULL, \`key\` varchar(200) NOT NULL, \`thumbKey\` varchar(200) NOT NULL, \`mime\` varchar(30) NOT NULL, \`bytes\` int NOT NULL, \`width\` int NOT NULL, \`height\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`ix_uploads_owner\` (\`ownerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`users\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NULL, \`unionid\` varchar(64) NULL, \`username\` varchar(64) NULL, \`passwordHash\` varchar(100) NULL, \`name\` varchar(50) NOT NULL, \`phone\` varchar(20) NULL, \`roles\` text NOT NULL, \`isPartyMember\` tinyint NOT NULL DEFAULT 0, \`branch\` varchar(100) NULL, \`communityId\` int NULL, \`demoKey\` varchar(32) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`uq_users_openid\` (\`openid\`), UNIQUE INDEX \`uq_users_username\` (\`username\`), INDEX \`ix_users_phone\` (\`phone\`), UNIQUE INDEX \`uq_users_demo_key\` (\`demoKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`staff_communities\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`communityId\` int NOT NULL, UNIQUE INDEX \`uq_staff_community\` (\`userId\`, \`communityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`uq_staff_community\` ON \`staff_communities\``);
        await queryRunner.query(`DROP TABLE \`staff_communities\``);
        await queryRunner.query(`DROP INDEX \`uq_users_demo_key\` ON \`users\``);
        await queryRunner.query(`DROP INDEX \`ix_users_phone\` ON \`users\``);
        await queryRunner.query(`DROP INDEX \`uq_users_username\` ON \`users\``);
        await queryRunner.query(`DROP INDEX \`uq_users_openid\` ON \`users\``);
        await queryRunner.query(`DROP TABLE \`users\``);
        await queryRunner.query(`DROP INDEX \`ix_uploads_owner\` ON \`uploads\``);
        await queryRunner.query(`DROP TABLE \`uploads\``);
        await queryRunner.query(`DROP INDEX \`uq_points_scene\` ON \`points\``);
        await queryRunner.query(`DROP INDEX \`ix_points_grid\` ON \`points\``);
        await queryRunner.query(`DROP TABLE \`points\``);
        await queryRunner.query(`DROP INDEX \`ix_grids_worker\` ON \`grids\``);
        await queryRunner.query(`DROP INDEX \`ix_grids_community\` ON \`grids\``);
        await queryRunner.query(`DROP TABLE \`grids\``);
        await queryRunner.query(`DROP INDEX \`ix_communities_street\` ON \`communities\``);
        await queryRunner.query(`DROP TABLE \`communities\``);
        await queryRunner.query(`DROP TABLE \`streets\``);
        await queryRunner.query(`DROP INDEX \`uq_grant_user_template\` ON \`subscription_grants\``);
        await queryRunner.query(`DROP TABLE \`subscription_grants\``);
        await queryRunner.query(`DROP INDEX \`ix_notifications_user\` ON \`notifications\``);
        await queryRunner.query(`DROP INDEX \`ix_notifications_push\` ON \`notifications\``);
        await queryRunner.query(`DROP TABLE \`notifications\``);
        await queryRunner.query(`DROP TABLE \`job_leases\``);
        await queryRunner.query(`DROP INDEX \`uq_idem_user_scope_key\` ON \`idempotency_keys\``);
        await queryRunner.query(`DROP TABLE \`idempotency_keys\``);
        await queryRunner.query(`DROP INDEX \`ix_audit_entity\` ON \`audit_logs\``);
        await queryRunner.query(`DROP TABLE \`audit_logs\``);
    }

}
