import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { LoginBody, SignUpBody, type MeView } from '@spillover/contracts';
import type { UserEntity } from '@spillover/db';
import type { Response } from 'express';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiErrors, ApiSession } from '../openapi/api-responses.js';
import { ref } from '../openapi/schemas.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public, type AuthenticatedRequest } from './authenticated-request.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('signup')
  @ApiOperation({ summary: 'Create an account and its personal team, and sign in (sets the session cookie)' })
  @ApiBody({ schema: ref('SignUpBody') })
  @ApiResponse({ status: 201, schema: ref('MeView') })
  @ApiErrors(400, 409)
  async signUp(
    @Body(new ZodValidationPipe(SignUpBody)) body: SignUpBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeView> {
    const { token, me } = await this.auth.signUp(body);
    setSessionCookie(response, token, this.config);
    return me;
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in (sets the session cookie)' })
  @ApiBody({ schema: ref('LoginBody') })
  @ApiResponse({ status: 200, schema: ref('MeView') })
  @ApiErrors(400, 401)
  async login(
    @Body(new ZodValidationPipe(LoginBody)) body: LoginBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeView> {
    const { token, me } = await this.auth.login(body);
    setSessionCookie(response, token, this.config);
    return me;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session and clear the cookie' })
  @ApiResponse({ status: 204, description: 'signed out' })
  @ApiSession()
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(request.auth.tokenHash);
    clearSessionCookie(response, this.config);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user and their teams' })
  @ApiResponse({ status: 200, schema: ref('MeView') })
  @ApiSession()
  me(@CurrentUser() user: UserEntity): Promise<MeView> {
    return this.auth.me(user);
  }
}
