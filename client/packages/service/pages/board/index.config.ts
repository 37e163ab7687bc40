export default definePageConfig({ navigationBarTitleText: '公开监督', enablePullDownRefresh: true })
