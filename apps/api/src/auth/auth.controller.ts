import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PasswordAttempt, Principal, Public, Roles } from '@lib/auth';
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
  @PasswordAttempt()
  @ApiOperation({ summary: 'Password login; returns a bearer token' })
  signIn(@Body() body: LoginDto) {
    return this.login.signIn(body.email, body.password);
  }

  @Get('me')
  @Roles(...roles)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to' })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}
