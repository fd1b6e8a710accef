import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserEntity } from '@spillover/db';
import { In, type DataSource, type EntitySubscriberInterface, type InsertEvent } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * ADMIN_EMAILS makes the first administrators: a user signing up with one of these emails is stored as an
 * administrator, and existing users with them are promoted when the API starts. Removing an email from the
 * list does not demote anyone (administrators are managed in the database after that).
 */
@Injectable()
export class AdminEmails implements EntitySubscriberInterface<UserEntity>, OnApplicationBootstrap {
  private readonly logger = new Logger(AdminEmails.name);
  private readonly emails: ReadonlySet<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.emails = new Set(config.adminEmails);
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof UserEntity {
    return UserEntity;
  }

  beforeInsert(event: InsertEvent<UserEntity>): void {
    if (event.entity && this.emails.has(event.entity.email.toLowerCase())) event.entity.isAdmin = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.emails.size === 0) return;
    const { affected } = await this.dataSource
      .getRepository(UserEntity)
      .update({ email: In([...this.emails]), isAdmin: false }, { isAdmin: true });
    if (affected) this.logger.log(`ADMIN_EMAILS: ${affected} existing user(s) made administrators`);
  }
}
