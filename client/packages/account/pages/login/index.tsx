import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button, Input } from '@tarojs/components'
import { ROLE_LABELS } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import Tag from '../../../../components/Tag'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { ApiError, errorMessage } from '../../../../lib/errors'
import { ROUTES } from '../../../../lib/routes'
import { fetchDemoPersonas } from '../../../../features/auth/api/demo-personas'
import { demoLogin } from '../../../../features/auth/api/demo-login'
import { passwordLogin } from '../../../../features/auth/api/password-login'
import { loginWithWechat, supportsWechatLogin } from '../../../../features/auth/platform/login'
import { completeSignIn } from '../../../../features/auth/complete-sign-in'
import type { DemoPersona, LoginResult } from '../../../../features/auth/types'
import './index.scss'

export default function LoginPage() {
  // Where to go back to when a page that needed a session (or a form being sent) brought the person here.
  const redirect = useRouter().params?.redirect ?? null
  const personas = useRemote<DemoPersona[]>(fetchDemoPersonas, [])
  const [busy, setBusy] = useState<string | null>(null)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [formError, setFormError] = useState<ApiError | null>(null)

  const run = async (key: string, action: () => Promise<LoginResult>) => {
    if (busy) return
    setBusy(key)
    try {
      completeSignIn(await action(), redirect)
    } catch (err) {
      if (key === 'password' && err instanceof ApiError) setFormError(err)
      else Taro.showToast({ title: err instanceof Error && !(err instanceof ApiError) ? err.message : errorMessage(err), icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const submitPassword = () => {
    setFormError(null)
    if (!username.trim() || !password) {
      setFormError(new ApiError(422, 'VALIDATION_FAILED', '请输入账号和密码'))
      return
    }
    void run('password', () => passwordLogin(username.trim(), password))
  }

  const demoDisabled = personas.error?.code === 'AUTH_DEMO_DISABLED'

  return (
    <PageShell className='login-page'>
      <View className='login-brand'>
        <Text className='login-brand__name'>邻里</Text>
        <Text className='login-brand__motto'>码上办 · 微心愿 · 活动报名</Text>
      </View>

      {supportsWechatLogin ? (
        <View className='login-wechat'>
          <Button className='btn btn--primary btn--block' loading={busy === 'wechat'} onClick={() => run('wechat', loginWithWechat)}>
            微信一键登录
          </Button>
        </View>
      ) : null}

      {!demoDisabled ? (
        <View className='login-personas'>
          <Text className='section-title'>选择演示身份</Text>
          {personas.loading ? <StatusView status='loading' rows={2} /> : null}
          {personas.error && !personas.loading ? (
            <StatusView status='error' message={personas.errorText} onRetry={personas.reload} />
          ) : null}
          {personas.data?.map((p) => (
            <Card key={p.key} className={`persona-card persona-card--${p.key}`} onClick={() => run(p.key, () => demoLogin(p.key))}>
              <View className='persona-card__row'>
                <View className='persona-card__avatar'>{Array.from(p.name)[0]}</View>
                <View className='persona-card__text'>
                  <View className='persona-card__head'>
                    <Text className='persona-card__name'>{p.name}</Text>
                    <Text className='persona-card__title'>{p.title}</Text>
                  </View>
                  <View>
                    {p.roles.map((r) => (
                      <Tag key={r} tone='primary'>
                        {ROLE_LABELS[r] ?? r}
                      </Tag>
                    ))}
                  </View>
                  <Text className='persona-card__desc'>{p.description}</Text>
                </View>
                <Text className='persona-card__go'>{busy === p.key ? '登录中…' : '进入'}</Text>
              </View>
            </Card>
          ))}
        </View>
      ) : null}

      <Text className='section-title'>工作人员账号登录</Text>
      <Card className='login-form'>
        <Input
          className='input login-form__username'
          placeholder='账号'
          value={username}
          onInput={(e) => setUsername(e.detail.value)}
        />
        {formError?.fieldError('username') ? <Text className='login-form__error'>{formError.fieldError('username')}</Text> : null}
        <Input
          className='input login-form__password'
          placeholder='密码'
          password
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
          onConfirm={submitPassword}
        />
        {formError?.fieldError('password') ? <Text className='login-form__error'>{formError.fieldError('password')}</Text> : null}
        {formError && !formError.fieldError('username') && !formError.fieldError('password') ? (
          <Text className='login-form__error'>{formError.message}</Text>
        ) : null}
        <Button className='btn btn--primary btn--block login-form__submit' loading={busy === 'password'} onClick={submitPassword}>
          登录
        </Button>
      </Card>

      <Text className='login-privacy' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>
        登录即表示同意《隐私保护指引》
      </Text>
    </PageShell>
  )
}
