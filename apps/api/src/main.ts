import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { Request } from 'express';
import { AppModule } from './app.module.js';
import { SpilloverExceptionFilter } from './common/spillover-exception.filter.js';
import { ConfigError, readConfig } from './config/app-config.js';
import { checkDependencies } from './config/check-dependencies.js';
import { setupOpenApi } from './openapi/setup-openapi.js';

/** JSON bodies are specs and forms; CSV uploads are streamed separately with UPLOAD_MAX_BYTES. */
const jsonBodyLimit = '1mb';
/** Routes whose JSON body is an uploaded file (GeoJSON), streamed like CSV uploads rather than parsed here. */
const jsonFileUploadPaths = new Set(['/weights/contiguity']);

function isJsonForm(request: Request): boolean {
  return (
    typeof request.is('application/json') === 'string' &&
    !jsonFileUploadPaths.has(request.originalUrl.split('?')[0]!)
  );
}

async function main(): Promise<void> {
  const config = readConfig();
  await checkDependencies(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: config.logLevels,
    bodyParser: false,
    // a failed bootstrap reaches main()'s handler (exit 1) instead of aborting the process
    abortOnError: false,
    // on shutdown, idle keep-alive sockets must not hold the server open
    forceCloseConnections: true,
  });
  app.useBodyParser('json', { limit: jsonBodyLimit, type: (request) => isJsonForm(request as Request) });
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.useGlobalFilters(new SpilloverExceptionFilter());
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.listen(config.port);
  new Logger('Api').log(
    config.mode === 'embedded'
      ? `listening on port ${config.port} in embedded mode: PGlite data in ${config.dataDir}, jobs run in this process`
      : `listening on port ${config.port}`,
  );
}

main().catch((error: unknown) => {
  // configuration and reachability problems are one line; anything else keeps its stack
  if (error instanceof ConfigError) console.error(`api: ${error.message}`);
  else console.error('api: failed to start:', error);
  process.exit(1);
});
