import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTooManyRequestsResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Roles } from '@lib/auth';
import { roles } from '@lib/database';
import { LoginDto } from './login.dto';
import { LoginService } from './login.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly login: LoginService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Password login; returns a bearer token' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for this account (or, far more, from this address) in the window; wait `Retry-After` seconds. Successful logins never count.',
  })
  signIn(@Body() body: LoginDto, @Ip() address: string) {
    return this.login.signIn(body.email, body.password, address);
  }

  @Get('me')
  @Roles(...roles)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to' })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}
