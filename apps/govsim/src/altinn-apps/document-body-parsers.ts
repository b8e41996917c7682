import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_VEDLEGG_MB, VEDLEGG_CONTENT_TYPES, XML_CONTENT_TYPES } from './data-upload-rules';

/**
 * Room above the attachment limit, so a file just over 25 MB reaches the app's own check (and its
 * message) instead of being cut off by the server.
 */
const DOCUMENT_BODY_LIMIT = (MAX_VEDLEGG_MB + 1) * 1024 * 1024;

/**
 * Fastify parses only JSON and plain text; the MVA documents arrive as XML, PDF, images and office
 * files. Their bodies are handed to the handlers as raw bytes.
 */
@Injectable()
export class DocumentBodyParsers implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // octet-stream too, so a wrongly typed upload reaches the app's own content-type check.
    const all = [...XML_CONTENT_TYPES, ...VEDLEGG_CONTENT_TYPES, 'application/octet-stream'];
    const types = [...new Set<string>(all)].filter((type) => !fastify.hasContentTypeParser(type));
    fastify.addContentTypeParser(
      types,
      { parseAs: 'buffer', bodyLimit: DOCUMENT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
  }
}
